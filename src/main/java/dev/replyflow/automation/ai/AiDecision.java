package dev.replyflow.automation.ai;

/** What the AI operator does with one customer message: send an answer, or hand the chat over (and why). */
record AiDecision(String answer, String handoverReason) {

    static AiDecision reply(String answer) {
        return new AiDecision(answer, null);
    }

    static AiDecision handover(String reason) {
        return new AiDecision(null, reason);
    }

    boolean handsOver() {
        return handoverReason != null;
    }
}
