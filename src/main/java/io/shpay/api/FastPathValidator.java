package io.shpay.api;

import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * A schema's validator that judges a value by its {@link SchemaFastPath} first and asks vertx-json-schema only for
 * a value those checks cannot vouch for: valid requests, nearly all of them, skip the library's keyword interpreter; an
 * invalid one gets the library's full answer (every error, where and why), which {@link ContractProblems} words as
 * before. A valid value's answer is the library's for one: valid, no errors, error type NONE.
 */
final class FastPathValidator implements Validator {

  private final SchemaFastPath checks;
  private final Validator library;

  FastPathValidator(SchemaFastPath checks, Validator library) {
    this.checks = checks;
    this.library = library;
  }

  @Override
  public OutputUnit validate(Object instance) {
    if (checks.certainlyValid(instance)) {
      // A new unit each time: an OutputUnit is mutable and callers own the one they get.
      return new OutputUnit(true).setErrorType(OutputErrorType.NONE);
    }
    return library.validate(instance);
  }
}
