package io.shpay.sandbox.kftc;

/**
 * The using institution (SH Pay) as the bank sees it: the holder and bank of its contracted
 * account, shown as the other side of withdrawals ({@code dps_*}) and deposits ({@code wd_*}).
 */
record Institution(String holderName, String bankCodeStd, String bankCodeSub, String bankName) {
}
