package io.switchboard.admin;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.Ban;
import io.switchboard.core.Bans;
import io.switchboard.core.BansProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/bans}: list the bans in force, impose one on an address, a network, a
 * nick or a token subject (for a while, or until lifted), lift one. Clients a new ban
 * matches are disconnected at once, on every node of a cluster.
 */
@Endpoint(id = "bans")
public class BansEndpoint {

	private final Bans bans;

	private final BansProperties properties;

	public BansEndpoint(Bans bans, BansProperties properties) {
		this.bans = bans;
		this.properties = properties;
	}

	@ReadOperation
	public BansDescriptor bans() {
		List<BanDescriptor> bans = this.bans.list().stream().map(BanDescriptor::of).toList();
		return new BansDescriptor(bans.size(), bans);
	}

	@ReadOperation
	public @Nullable BanDescriptor ban(@Selector String id) {
		Ban ban = this.bans.find(id);
		return (ban != null) ? BanDescriptor.of(ban) : null;
	}

	/**
	 * Impose a ban on exactly one of {@code ip}, {@code cidr}, {@code nick} or
	 * {@code subject}; an IPv6 {@code ip} bans its network
	 * ({@code switchboard.bans.ipv6-prefix-length}). Bad input is refused (400) and
	 * changes nothing.
	 * @param duration {@code 90s}, {@code 10m}, {@code 1h}, {@code 7d}, {@code PT1H};
	 * none (or {@code permanent}) until lifted
	 */
	@WriteOperation
	public WebEndpointResponse<Object> impose(@Nullable String ip, @Nullable String cidr, @Nullable String nick,
			@Nullable String subject, @Nullable String duration, @Nullable String reason, SecurityContext security) {
		List<Target> targets = new ArrayList<>();
		addIfGiven(targets, Ban.Kind.IP, ip);
		addIfGiven(targets, Ban.Kind.CIDR, cidr);
		addIfGiven(targets, Ban.Kind.NICK, nick);
		addIfGiven(targets, Ban.Kind.SUBJECT, subject);
		if (targets.size() != 1) {
			return badRequest("give exactly one of ip, cidr, nick or subject");
		}
		Ban ban;
		try {
			Target target = targets.getFirst();
			ban = (target.kind() == Ban.Kind.IP)
					? Ban.ofAddress(target.value(), this.properties.ipv6PrefixLength(), reason, operator(security),
							duration, Instant.now())
					: Ban.of(target.kind(), target.value(), reason, operator(security), duration, Instant.now());
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
		return imposed(this.bans, ban);
	}

	@DeleteOperation
	public WebEndpointResponse<Object> lift(@Selector String id) {
		try {
			return this.bans.lift(id) ? new WebEndpointResponse<>(new LiftedDescriptor(id, true))
					: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (IllegalStateException ex) {
			return unavailable(ex);
		}
	}

	/**
	 * Impose a ban and answer 201 with it, or 503 if the cluster cannot take it.
	 */
	static WebEndpointResponse<Object> imposed(Bans bans, Ban ban) {
		try {
			return new WebEndpointResponse<>(BanDescriptor.of(bans.impose(ban)), 201);
		}
		catch (IllegalStateException ex) {
			return unavailable(ex);
		}
	}

	/**
	 * Who is imposing a ban: the admin's user name.
	 */
	static String operator(SecurityContext security) {
		Principal principal = security.getPrincipal();
		return (principal != null) ? principal.getName() : "operator";
	}

	private static void addIfGiven(List<Target> targets, Ban.Kind kind, @Nullable String value) {
		if (value != null) {
			targets.add(new Target(kind, value));
		}
	}

	private static WebEndpointResponse<Object> badRequest(@Nullable String why) {
		return new WebEndpointResponse<>(new ClientsEndpoint.ErrorDescriptor(why),
				WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private static WebEndpointResponse<Object> unavailable(IllegalStateException ex) {
		return new WebEndpointResponse<>(new ClientsEndpoint.ErrorDescriptor(ex.getMessage()),
				WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

	private record Target(Ban.Kind kind, String value) {
	}

	/**
	 * The listing.
	 */
	public record BansDescriptor(int count, List<BanDescriptor> bans) {
	}

	/**
	 * One ban; {@code until} is null for a ban until lifted, {@code reason} for none.
	 */
	public record BanDescriptor(String id, String kind, String value, @Nullable String reason, String by,
			Instant created, @Nullable Instant until) {

		static BanDescriptor of(Ban ban) {
			return new BanDescriptor(ban.id(), ban.kind().tag(), ban.value(),
					ban.reason().isEmpty() ? null : ban.reason(), ban.by(), ban.created(), ban.until());
		}

	}

	/**
	 * The result of a DELETE.
	 */
	public record LiftedDescriptor(String id, boolean lifted) {
	}

}
