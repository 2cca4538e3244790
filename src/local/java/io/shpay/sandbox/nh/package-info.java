/**
 * The NH Developers sandbox: an HTTP server that speaks the NH Developers fintech API
 * ({@code shared/specs/nh-developers.md}: {@code POST /{ApiNm}.nh}, a {@code Header} in every
 * request and answer, errors as HTTP 200 with {@code Rpcd}) over a stateful in-memory bank, so
 * that SH Pay's production NH client runs unchanged against it in tests and in the local stack.
 *
 * <p>Start it with {@link io.shpay.sandbox.nh.NhSandbox#start}; inject faults with
 * {@link io.shpay.sandbox.nh.NhFaults}; look at balances with {@link io.shpay.sandbox.nh.NhBankView}.
 * All bank state lives on the one context of the sandbox verticle, so it needs no locks; only the
 * fault settings and the read-only views are touched from other threads.
 */
package io.shpay.sandbox.nh;
