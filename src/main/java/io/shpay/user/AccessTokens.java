package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Issues and verifies the ES256 access tokens. Claims: {@code sub} (user id), {@code role},
 * {@code sid} (session), {@code iss}, {@code iat}, {@code exp}. Only the API needs
 * {@link #verifier}; only the session service signs.
 */
public final class AccessTokens {

  public static final String ALGORITHM = "ES256";

  private final JWTAuth signer;
  private final ShpayConfig.Auth config;

  AccessTokens(Vertx vertx, ShpayConfig.Auth config) {
    this.config = config;
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM)
            .setBuffer(config.jwtPrivateKey().orElseThrow().reveal()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM)
            .setBuffer(config.jwtPublicKey().orElseThrow())));
  }

  /** A verifier that holds only the public key and checks issuer and expiry. */
  public static JWTAuth verifier(Vertx vertx, ShpayConfig.Auth config) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setIssuer(config.issuer()).setLeeway(5))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(config.jwtPublicKey().orElseThrow())));
  }

  String issue(String userId, UserRole role, String sessionId) {
    return signer.generateToken(
        new JsonObject().put("role", role.name()).put("sid", sessionId),
        new JWTOptions()
            .setAlgorithm(ALGORITHM)
            .setSubject(userId)
            .setIssuer(config.issuer())
            .setExpiresInSeconds((int) config.accessTokenTtl().toSeconds()));
  }

  long lifetimeSeconds() {
    return config.accessTokenTtl().toSeconds();
  }
}
