package dev.replyflow.ticket;

public enum TicketPriority { LOW, NORMAL, HIGH, URGENT }
