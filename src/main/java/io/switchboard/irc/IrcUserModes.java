package io.switchboard.irc;

/**
 * An IRC user's own modes: {@code +i} (invisible: left out of {@code WHO} by mask and of
 * the visible count in {@code LUSERS}, for those who share no channel with it),
 * {@code +w} (receives {@code WALLOPS}), {@code +T} (refuses private CTCP other than
 * ACTION: {@code VERSION}, {@code PING}, DCC offers, which spammers use to find and probe
 * clients) and {@code +o}, which only {@code OPER} gives (a user may drop it). Set with
 * {@code MODE nick +iw}; irssi and WeeChat send {@code +i} at connect.
 */
final class IrcUserModes {

	/** The user modes there are, as {@code 004} lists them. */
	static final String ALL = "iowT";

	private volatile boolean invisible;

	private volatile boolean wallops;

	private volatile boolean refusesCtcp;

	boolean invisible() {
		return this.invisible;
	}

	boolean wallops() {
		return this.wallops;
	}

	boolean refusesCtcp() {
		return this.refusesCtcp;
	}

	/**
	 * The modes as {@code 221} gives them: {@code +iw}, {@code +} for none.
	 */
	String shown(boolean operator) {
		return "+" + (this.invisible ? "i" : "") + (operator ? "o" : "") + (this.refusesCtcp ? "T" : "")
				+ (this.wallops ? "w" : "");
	}

	/**
	 * Apply a change such as {@code +iw-T}.
	 * @param operator whether the user is an operator now ({@code -o} drops it,
	 * {@code +o} is ignored: only {@code OPER} gives it)
	 * @return what changed, as the {@code MODE} line confirming it gives it (empty if
	 * nothing did), and whether a flag was unknown ({@code 501})
	 */
	Change apply(String change, boolean operator) {
		StringBuilder applied = new StringBuilder();
		char shownSign = 0;
		boolean adding = true;
		boolean unknown = false;
		boolean dropsOperator = false;
		for (char flag : change.toCharArray()) {
			if (flag == '+' || flag == '-') {
				adding = flag == '+';
				continue;
			}
			boolean changed = switch (flag) {
				case 'i' -> this.invisible != adding && set(() -> this.invisible = !this.invisible);
				case 'w' -> this.wallops != adding && set(() -> this.wallops = !this.wallops);
				case 'T' -> this.refusesCtcp != adding && set(() -> this.refusesCtcp = !this.refusesCtcp);
				case 'o' -> {
					boolean drop = !adding && operator && !dropsOperator;
					dropsOperator |= drop;
					yield drop;
				}
				default -> {
					unknown = true;
					yield false;
				}
			};
			if (changed) {
				char sign = adding ? '+' : '-';
				if (sign != shownSign) {
					applied.append(sign);
					shownSign = sign;
				}
				applied.append(flag);
			}
		}
		return new Change(applied.toString(), unknown, dropsOperator);
	}

	private static boolean set(Runnable toggle) {
		toggle.run();
		return true;
	}

	/**
	 * @param applied what changed ({@code +i-w}), empty for nothing
	 * @param unknown whether a flag was unknown
	 * @param dropsOperator whether the user gave up {@code +o}
	 */
	record Change(String applied, boolean unknown, boolean dropsOperator) {
	}

}
