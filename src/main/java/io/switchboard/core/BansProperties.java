package io.switchboard.core;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How address bans reach ({@code switchboard.bans.*}).
 *
 * @param ipv6PrefixLength how much of an IPv6 address a ban on one address covers: its
 * /64 by default, as per-address limits count it (one host usually has a whole /64 to
 * pick addresses from, so a ban of one address keeps nobody out); 128 bans the one
 * address. IPv4 bans are always of the one address.
 */
@ConfigurationProperties("switchboard.bans")
@Validated
public record BansProperties(@DefaultValue("64") @Min(32) @Max(128) int ipv6PrefixLength) {

}
