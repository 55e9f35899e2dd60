package org.dialoghook.internal.replay;

import com.hazelcast.cache.ICache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.cache.Cache;

/**
 * The replay records' batched calls on Hazelcast's own API for the JCache cache the receiver already uses
 * ({@link JCacheRecords#CACHE_NAME}, reached through the standard {@code Cache.unwrap}): a batch is one
 * asynchronous call per record, all issued together from one thread, so the grid's partition threads take them from
 * their queues in a row and no caller's thread is parked per call. The only class that names a Hazelcast type; it
 * is loaded only once {@code com.hazelcast.cache.ICache} is known to be there. A call Hazelcast refuses at once
 * fails alone: the calls of the batch issued before it still answer. Keys and records stay JDK types,
 * in the same cache with the same size and expiry as the single-call store, so members of either kind share them.
 */
final class HazelcastCacheBatches implements GridBatches {

    private final ICache<String, byte[]> cache;

    private HazelcastCacheBatches(ICache<String, byte[]> cache) {
        this.cache = cache;
    }

    /**
     * Opens the batched calls on a JCache cache of Hazelcast's provider.
     *
     * @param jcache the {@code javax.cache.Cache} that {@link JCacheRecords} opened
     * @return the batched calls
     * @throws IllegalArgumentException when the cache is not Hazelcast's
     */
    @SuppressWarnings("unchecked")
    static GridBatches of(Object jcache) {
        return new HazelcastCacheBatches(((Cache<String, byte[]>) jcache).unwrap(ICache.class));
    }

    @Override
    public List<CompletionStage<Boolean>> putIfAbsent(List<GridBatcher.Call<byte[]>> calls) {
        List<CompletionStage<Boolean>> answers = new ArrayList<>(calls.size());
        for (GridBatcher.Call<byte[]> call : calls) {
            try {
                answers.add(cache.putIfAbsentAsync(call.key(), call.value()));
            } catch (RuntimeException refused) {
                answers.add(CompletableFuture.failedFuture(refused));
            }
        }
        return answers;
    }

    @Override
    public List<CompletionStage<Void>> put(List<GridBatcher.Call<byte[]>> calls) {
        List<CompletionStage<Void>> answers = new ArrayList<>(calls.size());
        for (GridBatcher.Call<byte[]> call : calls) {
            try {
                answers.add(cache.putAsync(call.key(), call.value()));
            } catch (RuntimeException refused) {
                answers.add(CompletableFuture.failedFuture(refused));
            }
        }
        return answers;
    }
}
