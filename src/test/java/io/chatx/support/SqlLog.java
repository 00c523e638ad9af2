package io.chatx.support;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The SQL statements the R2DBC driver sends while it is open (read from the driver's
 * query log), for tests that count round trips: all but the check that the caller's
 * account exists, which every signed-in request makes once.
 */
public final class SqlLog implements AutoCloseable {

	private static final String QUERY_LOGGER = "io.r2dbc.postgresql.QUERY";

	// UserRepository.exists, as ExistingUserJwtConverter runs it.
	private static final String SIGN_IN_CHECK = "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)";

	private final Logger logger = (Logger) LoggerFactory.getLogger(QUERY_LOGGER);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level level;

	private SqlLog() {
		this.level = this.logger.getLevel();
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.DEBUG);
	}

	public static SqlLog capture() {
		return new SqlLog();
	}

	public List<String> statements() {
		return this.appender.list.stream()
			.map(ILoggingEvent::getFormattedMessage)
			.filter((sql) -> !sql.contains(SIGN_IN_CHECK))
			.toList();
	}

	/** How many statements contain {@code fragment}. */
	public long count(String fragment) {
		return statements().stream().filter((sql) -> sql.contains(fragment)).count();
	}

	@Override
	public void close() {
		this.logger.setLevel(this.level);
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
