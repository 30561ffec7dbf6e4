/**
 * The IRC front door: real chat clients (irssi, WeeChat, HexChat, bots) in the same rooms
 * as every other door, rooms shown as channels ({@code #lobby}).
 */
@NullMarked
package io.switchboard.irc;

import org.jspecify.annotations.NullMarked;
