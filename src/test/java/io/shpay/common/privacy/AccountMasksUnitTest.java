package io.shpay.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountMasksUnitTest {

  @Test
  void allButTheLastFourDigitsAreHidden() {
    assertThat(AccountMasks.mask("3021234567891")).isEqualTo("*********7891");
    assertThat(AccountMasks.mask("302-1234-5678-91")).isEqualTo("*********7891");
    assertThat(AccountMasks.mask("1234")).isEqualTo("****");
    assertThat(AccountMasks.mask(null)).isNull();
  }

  @Test
  void anAlreadyMaskedNumberComesBackUnchanged() {
    assertThat(AccountMasks.mask("*********7891")).isEqualTo("*********7891");
  }

  @Test
  void accountNumbersInsideTextAreMaskedAndShortNumbersAreLeftAlone() {
    String text = "Transfer of 12000 won from 302-1234-5678-91 to 1002003004005 failed (code 40012).";

    assertThat(AccountMasks.maskWithin(text))
        .isEqualTo("Transfer of 12000 won from *********7891 to *********4005 failed (code 40012).");
    assertThat(AccountMasks.maskWithin(null)).isNull();
  }
}
