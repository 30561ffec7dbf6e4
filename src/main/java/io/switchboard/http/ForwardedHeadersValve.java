package io.switchboard.http;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.switchboard.core.IpNetwork;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Takes the client's address from {@code X-Forwarded-For}, and the scheme and port from
 * {@code X-Forwarded-Proto} and {@code -Port}, only when the peer is a trusted proxy
 * ({@code switchboard.http.trusted-proxies}); in place of Tomcat's {@code RemoteIpValve},
 * which trusts every private and loopback peer by default and takes any text as an
 * address.
 * <p>
 * The client is the rightmost hop that is not itself a trusted proxy: what the nearest
 * proxy saw, so a client cannot pick its address by sending the header itself. A hop that
 * has to be read and is no IP literal (a trusted proxy passing on a client's junk)
 * refuses the request with 400: it never becomes an address, let alone none. An untrusted
 * peer's forwarded headers are removed, so that nothing further in believes them either.
 */
final class ForwardedHeadersValve extends ValveBase {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	static final String FORWARDED_PROTO = "X-Forwarded-Proto";

	static final String FORWARDED_PORT = "X-Forwarded-Port";

	private static final List<String> FORWARDED_HEADERS = List.of(FORWARDED_FOR, FORWARDED_PROTO, FORWARDED_PORT,
			"X-Forwarded-Host", "X-Forwarded-Prefix", "X-Forwarded-By", "Forwarded");

	private static final Log logger = LogFactory.getLog(ForwardedHeadersValve.class);

	private final List<IpNetwork> trusted;

	ForwardedHeadersValve(List<IpNetwork> trusted) {
		super(true);
		this.trusted = List.copyOf(trusted);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		InetAddress peer = IpNetwork.literal(request.getRemoteAddr());
		if (peer == null || !isTrusted(peer)) {
			for (String header : FORWARDED_HEADERS) {
				request.getCoyoteRequest().getMimeHeaders().removeHeader(header);
			}
			getNext().invoke(request, response);
			return;
		}
		List<String> hops = hops(request);
		InetAddress client = null;
		for (int i = hops.size() - 1; i >= 0; i--) {
			client = address(hops.get(i));
			if (client == null) {
				refuse(request, response, hops.get(i));
				return;
			}
			if (!isTrusted(client)) {
				break;
			}
		}
		String remoteAddr = request.getRemoteAddr();
		String remoteHost = request.getRemoteHost();
		boolean secure = request.isSecure();
		String scheme = request.getScheme();
		int serverPort = request.getServerPort();
		try {
			if (client != null) {
				request.setRemoteAddr(client.getHostAddress());
				request.setRemoteHost(client.getHostAddress());
			}
			scheme(request);
			getNext().invoke(request, response);
		}
		finally {
			request.setRemoteAddr(remoteAddr);
			request.setRemoteHost(remoteHost);
			request.setSecure(secure);
			request.getCoyoteRequest().scheme().setString(scheme);
			request.setServerPort(serverPort);
		}
	}

	boolean isTrusted(InetAddress address) {
		for (IpNetwork network : this.trusted) {
			if (network.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One hop of {@code X-Forwarded-For}: an IPv4 or IPv6 literal, an IPv6 one in
	 * brackets, either with a port ({@code 192.0.2.7:4711}, {@code [2001:db8::1]:4711},
	 * as some proxies send); an IPv4-mapped IPv6 address is its IPv4 address. No name is
	 * looked up.
	 * @return null if it is none of these
	 */
	static @Nullable InetAddress address(String hop) {
		String host = hop.strip();
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			if (end < 0 || !(end == host.length() - 1 || isPort(host.substring(end + 1)))) {
				return null;
			}
			return IpNetwork.literal(host.substring(1, end), true);
		}
		int colon = host.indexOf(':');
		if (colon >= 0 && colon == host.lastIndexOf(':') && isPort(host.substring(colon))) {
			return IpNetwork.literal(host.substring(0, colon), false);
		}
		return IpNetwork.literal(host);
	}

	private static boolean isPort(String text) {
		return text.matches(":[0-9]{1,5}");
	}

	private static List<String> hops(Request request) {
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String hop : header.split(",", -1)) {
				hops.add(hop);
			}
		}
		return hops;
	}

	/**
	 * As Tomcat's valve does: https only if every proxy says so, the port from
	 * {@code X-Forwarded-Port} or the scheme's.
	 */
	private static void scheme(Request request) {
		String proto = String.join(",", Collections.list(request.getHeaders(FORWARDED_PROTO)));
		if (proto.isBlank()) {
			return;
		}
		boolean https = true;
		for (String each : proto.split(",", -1)) {
			https &= each.strip().toLowerCase(Locale.ROOT).equals("https");
		}
		request.setSecure(https);
		request.getCoyoteRequest().scheme().setString(https ? "https" : "http");
		String port = request.getHeader(FORWARDED_PORT);
		int forwardedPort = (port != null && port.strip().matches("[0-9]{1,5}")) ? Integer.parseInt(port.strip()) : 0;
		request.setServerPort((forwardedPort > 0 && forwardedPort <= 65535) ? forwardedPort : (https ? 443 : 80));
	}

	private static void refuse(Request request, Response response, String hop) throws IOException {
		// The proxy is misconfigured (it passes on what its clients send): say so to
		// the client, and keep the log to one line at debug so that junk costs nothing.
		if (logger.isDebugEnabled()) {
			logger.debug("Refused a request from trusted proxy " + request.getRemoteAddr() + ": " + FORWARDED_FOR
					+ " hop '" + hop.strip() + "' is no IP address");
		}
		response.setStatus(400);
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write("invalid " + FORWARDED_FOR + ": every hop must be an IP address\n");
	}

}
