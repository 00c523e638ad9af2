package io.chatx.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonSubTypes.Type;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

import io.chatx.live.MemberJoined;
import io.chatx.live.MemberLeft;
import io.chatx.live.MessageDeleted;
import io.chatx.live.MessageEdited;
import io.chatx.live.MessagePosted;
import io.chatx.live.ReactionChanged;
import io.chatx.live.ReadMarkerChanged;
import io.chatx.live.RoomCreated;
import io.chatx.live.RoomDeleted;
import io.chatx.myevents.MembershipNotice;
import io.chatx.myevents.ReadMarkerNotice;

/**
 * One message between instances: which instance sends it and the event, tagged with its
 * type name. Change events carry their change number and the whole {@code Message} (a
 * reaction's also its user), so a receiver delivers them without reading the database.
 * {@code ClusterWireFormatTests} pins the JSON: renaming a field of an event changes what
 * other versions read.
 *
 * @param origin the sending instance's id
 * @param event a live event or a presence announcement
 */
record Envelope(String origin, @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type") @JsonSubTypes( {
		@Type(value = MessagePosted.class, name = "MessagePosted"),
		@Type(value = MessageEdited.class, name = "MessageEdited"),
		@Type(value = MessageDeleted.class, name = "MessageDeleted"),
		@Type(value = ReactionChanged.class, name = "ReactionChanged"),
		@Type(value = MemberJoined.class, name = "MemberJoined"), @Type(value = MemberLeft.class, name = "MemberLeft"),
		@Type(value = RoomDeleted.class, name = "RoomDeleted"), @Type(value = RoomCreated.class, name = "RoomCreated"),
		@Type(value = ReadMarkerChanged.class, name = "ReadMarkerChanged"),
		@Type(value = PresenceNotice.class, name = "PresenceNotice"),
		@Type(value = PresenceSnapshot.class, name = "PresenceSnapshot"),
		@Type(value = ReadMarkerNotice.class, name = "ReadMarkerNotice"),
		@Type(value = MembershipNotice.class, name = "MembershipNotice") }) @Nullable Object event){

}
