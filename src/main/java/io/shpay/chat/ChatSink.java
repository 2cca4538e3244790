package io.shpay.chat;

/** Where a reply goes while it is being produced: text pieces and the tools being used. */
interface ChatSink {

  ChatSink NONE = new ChatSink() {
    @Override
    public void text(String piece) {}

    @Override
    public void tool(String name) {}

    @Override
    public boolean streaming() {
      return false;
    }
  };

  void text(String piece);

  void tool(String name);

  /** False when nobody reads the pieces, so the model is asked for one complete answer instead. */
  boolean streaming();
}
