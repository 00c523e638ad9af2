package io.chatx.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Closes an HTTP connection whose client has not sent a whole request head (request line
 * and headers) within the timeout, counted from the connection's start and from the end
 * of each response. Reactor Netty's idle timeout is reset by every byte, so a client that
 * drips its headers a byte at a time would keep the connection forever; its read and
 * request timeouts start only once the head has arrived. Sits after the HTTP codec, which
 * hands on a request only once its head is complete; removed when the connection becomes
 * a WebSocket. One instance per connection, on its event loop.
 */
final class RequestHeadTimeout extends ChannelDuplexHandler {

	private final long timeoutNanos;

	// Requests whose head has arrived and whose response has not ended.
	private int inFlight;

	private @Nullable ScheduledFuture<?> deadline;

	RequestHeadTimeout(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		startWaiting(ctx);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		stopWaiting();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		stopWaiting();
		super.channelInactive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof HttpRequest) {
			this.inFlight++;
			stopWaiting();
		}
		super.channelRead(ctx, msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof HttpResponse response
				&& response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			// A WebSocket now: its own pings and timeouts apply.
			ctx.pipeline().remove(this);
		}
		else if (msg instanceof LastHttpContent && this.inFlight > 0 && --this.inFlight == 0) {
			startWaiting(ctx);
		}
		super.write(ctx, msg, promise);
	}

	private void startWaiting(ChannelHandlerContext ctx) {
		stopWaiting();
		this.deadline = ctx.executor().schedule(() -> {
			if (this.inFlight == 0) {
				ctx.close();
			}
		}, this.timeoutNanos, TimeUnit.NANOSECONDS);
	}

	private void stopWaiting() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
			this.deadline = null;
		}
	}

}
