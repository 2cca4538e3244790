package io.shpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An IsTuno is its number as NH reads it: exactly 20 digits, leading zeros kept. */
class IsTunosUnitTest {

  @Test
  void aNumberIsWrittenAsTwentyDigitsWithLeadingZeros() {
    assertThat(IsTunos.twentyDigits(0)).isEqualTo("00000000000000000000");
    assertThat(IsTunos.twentyDigits(42)).isEqualTo("00000000000000000042");
    assertThat(IsTunos.twentyDigits(Long.MAX_VALUE)).isEqualTo("09223372036854775807");
    for (long number = 1; number > 0 && number < Long.MAX_VALUE / 7; number = number * 7 + 3) {
      assertThat(IsTunos.twentyDigits(number)).hasSize(20).isEqualTo(String.format("%020d", number));
    }
  }

  @Test
  void aNegativeNumberIsNoIsTuno() {
    assertThatThrownBy(() -> IsTunos.twentyDigits(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
