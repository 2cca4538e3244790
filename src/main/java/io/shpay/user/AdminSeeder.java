package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the configured administrator ({@code SHPAY_ADMIN_EMAIL}, {@code SHPAY_ADMIN_PASSWORD})
 * exists. The seeder only ever creates the account: an existing ADMIN with that email is left as
 * it is (a restart), and an existing account of any other role is never promoted, because anyone
 * can sign up with an email before the operator seeds it and would become ADMIN on the next start.
 * That refusal is logged at ERROR and start-up carries on without a seeded admin: failing start-up
 * instead would let whoever took the email keep every replica in a crash loop.
 */
final class AdminSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(AdminSeeder.class);

  private final UserServiceImpl users;
  private final UserRepository repository;

  AdminSeeder(UserServiceImpl users, UserRepository repository) {
    this.users = users;
    this.repository = repository;
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
            return repository.findCredentials(email).<Void>map(existing -> {
              existing.map(UserRepository.Credentials::user).filter(user -> user.role() != UserRole.ADMIN).ifPresent(user -> LOG.error(
                  "Not seeding administrator {}: an account with this email already exists with role {} "
                      + "(user {}, created {}), and the seeder never promotes an existing account. Set admin.email "
                      + "to an address nobody has signed up with, or have an existing ADMIN change the role.",
                  email, user.role(), user.id(), user.createdAt()));
              return null;
            });
          }
          return Future.failedFuture(failure);
        });
  }
}
