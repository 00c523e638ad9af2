package io.chatx.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live subscriptions.
 *
 * @param subscriberBuffer how many events may wait for one subscriber before it is cut
 * off as too slow (it then resumes from its last cursor)
 */
@ConfigurationProperties("chatx.live")
public record LiveProperties(@DefaultValue("1000") int subscriberBuffer) {

}
