package io.shpay.sandbox.kftc;

/**
 * The outcome of a transfer that reached the bank, kept by {@code bank_tran_id} and day so that
 * {@code transfer/result} can settle an outcome the client never saw. Bank refusals (551, 552,
 * 412) are recorded as well as successes; requests refused before the bank are not.
 */
record TransferRecord(Kind kind, String bankTranId, String bankTranDate, String bankCodeTran, String bankRspCode,
    String fintechUseNum, String bankName, String accountNumMasked, String accountHolderName, String printContent,
    long tranAmt) {

  enum Kind { WITHDRAW, DEPOSIT }
}
