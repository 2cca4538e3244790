/**
 * SH Pay: a reactive open-banking and payment back end on Eclipse Vert.x.
 *
 * <p>The module declaration lets Vert.x codegen generate the event-bus proxies of the service
 * contracts ({@code @ProxyGen} interfaces) found in this package and below.
 */
@ModuleGen(name = "shpay", groupPackage = "io.shpay")
package io.shpay;

import io.vertx.codegen.annotations.ModuleGen;
