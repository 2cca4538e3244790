package io.shpay.chat;

import java.util.List;

/** The assistant's reply to one message and the tools it used, in order. */
record Answer(String reply, List<String> tools) {

  ChatAnswer in(String conversationId) {
    return new ChatAnswer(conversationId, reply, tools);
  }
}
