package dev.replyflow.ticket;

public enum TicketStatus { OPEN, PENDING, CLOSED }
