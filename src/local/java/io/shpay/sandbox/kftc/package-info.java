/**
 * The KFTC Open Banking sandbox: an HTTP server that speaks the KFTC API v2.0 wire format
 * ({@code shared/specs/kftc-openbanking.md}) over a stateful in-memory bank, so that SH Pay's
 * production KFTC client runs unchanged against it in tests and in the local stack.
 *
 * <p>Start it with {@link io.shpay.sandbox.kftc.KftcSandbox#start}; inject faults with
 * {@link io.shpay.sandbox.kftc.KftcFaults}; look at balances with
 * {@link io.shpay.sandbox.kftc.KftcBankView}. All bank state lives on the one context of the
 * sandbox verticle, so it needs no locks; only the fault settings and the read-only views are
 * touched from other threads.
 */
package io.shpay.sandbox.kftc;
