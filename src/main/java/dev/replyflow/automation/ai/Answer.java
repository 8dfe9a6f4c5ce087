package dev.replyflow.automation.ai;

/** An answerer's reply to a customer message, and how sure it is (0..1); no text means it has none. */
public record Answer(String text, double confidence) {

    public Answer {
        if (Double.isNaN(confidence) || confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence " + confidence + " is not between 0 and 1");
        }
    }

    /** No answer: the chat goes to people. */
    public static Answer none() {
        return new Answer(null, 0);
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }
}
