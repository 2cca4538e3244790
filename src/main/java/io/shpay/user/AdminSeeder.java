package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Makes sure the configured administrator ({@code SHPAY_ADMIN_EMAIL}, {@code SHPAY_ADMIN_PASSWORD})
 * exists. An existing account with that email is promoted but keeps its password, so restarting
 * with a changed variable never silently resets a credential.
 */
final class AdminSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(AdminSeeder.class);

  private final UserServiceImpl users;
  private final UserRepository repository;
  private final Clock clock;

  AdminSeeder(UserServiceImpl users, UserRepository repository, Clock clock) {
    this.users = users;
    this.repository = repository;
    this.clock = clock;
  }

  Future<Void> seed(ShpayConfig.Admin admin) {
    String email = UserServiceImpl.normalizeEmail(admin.email());
    return users.create(new SignUp(email, "Administrator", admin.password().reveal()), UserRole.ADMIN)
        .<Void>map(created -> {
          LOG.info("Created administrator {}", email);
          return null;
        })
        .recover(failure -> {
          if (failure instanceof ServiceException e && e.failureCode() == ErrorCode.EMAIL_TAKEN.busCode()) {
            return repository.updateRoleByEmail(email, UserRole.ADMIN, clock.instant()).mapEmpty();
          }
          return Future.failedFuture(failure);
        });
  }
}
