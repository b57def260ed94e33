package com.podium.connect.token.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and cancels the exchange as soon as it is exceeded (or announced by
 * {@code Content-Length}), so a huge answer never reaches the heap.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** Thrown (as the body's failure) when the limit is exceeded. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("response body over the limit", null);
        }
    }

    private final long limit;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private CappedBody(long limit, long declared) {
        this.limit = limit;
        this.declared = declared;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new CappedBody(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declared > limit) {
            tooLarge();
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (bytes.size() + (long) item.remaining() > limit) {
                tooLarge();
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    private void tooLarge() {
        result.completeExceptionally(new TooLarge());
        subscription.cancel();
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
