package io.shpay.sandbox.nh;

import java.time.LocalDate;

/**
 * An issued FinAccount: the number that stands for an NH account in every money call, so that an
 * institution never handles the account number itself.
 *
 * @param registeredOn the Asia/Seoul day it was first issued ({@code RgsnYmd})
 */
record FinAccount(String finAcno, Ledger ledger, LocalDate registeredOn) {
}
