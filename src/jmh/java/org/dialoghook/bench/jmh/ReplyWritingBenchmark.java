package org.dialoghook.bench.jmh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dialoghook.Block;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.internal.http.ReplyWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Writing a handler's reply as the wire JSON: {@code echo} is the load benchmark's reply (one text block);
 * {@code rich} has a block pointer, buttons, an image and attributes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplyWritingBenchmark {

    @Param({"echo", "rich"})
    String reply;

    private final ReplyWriter writer = new ReplyWriter();
    private Reply value;

    @Setup
    public void setUp() {
        Fixtures.inject(writer, "json", new Fixtures("auto").json);
        value = switch (reply) {
            case "echo" -> new ResponseBuilder().pushText("name=Ada\ncity=Zürich").build();
            default -> new ResponseBuilder()
                    .pushText("Your ticket is filed.")
                    .pushBlockPointer("60db2d02d19a13bc109c5bd4")
                    .pushButtons("Anything else?", Block.Button.toBlock("Yes", "60db2d02d19a13bc109c5bd5"),
                            Block.Button.toUrl("Status page", "https://example.org/status"))
                    .pushImage("https://example.org/ticket.png", "a ticket")
                    .setAttribute("ticketNumber", 4711)
                    .setAttribute("tags", List.of("billing", "urgent"))
                    .setAttribute("customer", Map.of("name", "Ada"))
                    .build();
        };
    }

    /**
     * Writes the reply.
     *
     * @return the UTF-8 JSON body
     */
    @Benchmark
    public byte[] write() {
        return writer.toJson(value);
    }
}
