package io.shpay.sim;

import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.nh.Account;
import io.shpay.sandbox.nh.NhSandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every sandbox account's balance at one moment: people's, merchants' and SH Pay's own, at both banks. */
record BankBalances(Map<String, Long> nh, Map<String, Long> kftc) {

  static final String KFTC_INSTITUTION = "SH Pay contracted account";

  static BankBalances of(NhSandbox nhSandbox, KftcSandbox kftcSandbox) {
    Map<String, Long> nh = new LinkedHashMap<>();
    for (Account account : nhSandbox.bank().accounts()) {
      nh.put(nhKey(account), nhSandbox.bank().balance(account.bankCode(), account.accountNumber()));
    }
    Map<String, Long> kftc = new LinkedHashMap<>();
    for (String person : kftcSandbox.bank().personIds()) {
      for (String fintechUseNum : kftcSandbox.bank().fintechUseNums(person)) {
        kftc.put(fintechUseNum, kftcSandbox.bank().balance(fintechUseNum));
      }
    }
    kftc.put(KFTC_INSTITUTION, kftcSandbox.bank().institutionBalance());
    return new BankBalances(Map.copyOf(nh), Map.copyOf(kftc));
  }

  static String nhKey(Account account) {
    return account.bankCode() + "/" + account.accountNumber();
  }

  long total() {
    return nh.values().stream().mapToLong(Long::longValue).sum() + kftc.values().stream().mapToLong(Long::longValue).sum();
  }
}
