package io.shpay.sandbox.nh;

/**
 * A seeded NH account as a client must name it: {@code Bncd} 011 (NH Bank) or 012 (NH local
 * cooperatives), {@code Acno} digits only, and the {@code BrdtBrno} that issuing a FinAccount on
 * it requires.
 *
 * @param birthDate  the holder's birth date {@code yyyyMMdd}, or for a company (SH Pay's own
 *                   settlement account) its 10-digit business registration number: NH's
 *                   {@code BrdtBrno} field carries either
 * @param holderName the name {@code InquireDepositorAccountNumber} answers ({@code Dpnm})
 */
public record Account(String bankCode, String accountNumber, String birthDate, String holderName) {
}
