package io.shpay.sandbox.kftc;

import java.util.List;

/** A demo person: a KFTC user ({@code user_seq_no}) with the accounts they agreed to share. */
record Person(String userSeqNo, String userCi, String userName, List<Account> accounts) {

  Person {
    accounts = List.copyOf(accounts);
  }
}
