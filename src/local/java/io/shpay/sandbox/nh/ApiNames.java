package io.shpay.sandbox.nh;

import java.util.Set;

/** The NH APIs the sandbox serves, each at {@code POST /{ApiNm}.nh}. */
final class ApiNames {

  static final String OPEN_FIN_ACCOUNT = "OpenFinAccountDirect";
  static final String CHECK_OPEN_FIN_ACCOUNT = "CheckOpenFinAccountDirect";
  static final String BALANCE = "InquireBalance";
  static final String DRAWING = "DrawingTransfer";
  static final String RECEIVED_ACCOUNT_NUMBER = "ReceivedTransferAccountNumber";
  static final String RECEIVED_FIN_ACCOUNT = "ReceivedTransferFinAccount";
  static final String HISTORY = "InquireTransactionHistory";
  static final String DEPOSITOR = "InquireDepositorAccountNumber";

  static final Set<String> ALL = Set.of(OPEN_FIN_ACCOUNT, CHECK_OPEN_FIN_ACCOUNT, BALANCE, DRAWING,
      RECEIVED_ACCOUNT_NUMBER, RECEIVED_FIN_ACCOUNT, HISTORY, DEPOSITOR);

  private ApiNames() {
  }
}
