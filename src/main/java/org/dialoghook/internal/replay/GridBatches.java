package org.dialoghook.internal.replay;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The two grid calls a new delivery makes, each for a whole batch of deliveries at once, answered asynchronously:
 * what {@link BatchingRecords} sends through its {@link GridBatcher}s. Keys and records are those of
 * {@link SharedRecords}. A batch may hold the same key more than once (two copies of a delivery arriving
 * together): each call must then be applied on its own, in the batch's order.
 */
interface GridBatches {

    /**
     * Stores each record unless its key has one.
     *
     * @param calls the keys and their records
     * @return one stage per call, in order: true when that record was stored
     */
    List<? extends CompletionStage<Boolean>> putIfAbsent(List<GridBatcher.Call<byte[]>> calls);

    /**
     * Stores each record whatever its key had.
     *
     * @param calls the keys and their records
     * @return one stage per call, in order, completed when that record is stored
     */
    List<? extends CompletionStage<Void>> put(List<GridBatcher.Call<byte[]>> calls);
}
