package org.dialoghook.it.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.Block;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Answers with one block of every kind and an attribute, for the console's rendering of a reply. */
@ApplicationScoped
@HandlerName("showcase")
public class ShowcaseHandler implements WebhookHandler {

    /** A small picture inline (an SVG data URL), so the page shows an image without reaching out of the machine. */
    private static final String KETTLE = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHdpZHRoPScx"
            + "NjAnIGhlaWdodD0nNzAnPjxyZWN0IHdpZHRoPScxNjAnIGhlaWdodD0nNzAnIHJ4PScxMCcgZmlsbD0nIzNiNmZkOC"
            + "cvPjx0ZXh0IHg9JzgwJyB5PSc0MicgZm9udC1mYW1pbHk9J3NhbnMtc2VyaWYnIGZvbnQtc2l6ZT0nMTgnIHRleHQt"
            + "YW5jaG9yPSdtaWRkbGUnIGZpbGw9J3doaXRlJz5hIGtldHRsZTwvdGV4dD48L3N2Zz4=";

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        String name = request.formValue("name").orElse("there");
        response.pushText("Hello, " + name + "!")
                .pushButtons("What next?", Block.Button.toBlock("Prices", "64a0c0ffee0000000000a001"),
                        Block.Button.toUrl("Shop", "https://shop.example.com"))
                .pushImage(KETTLE, "a kettle")
                .pushBlockPointer("64a0c0ffee0000000000beef")
                .setAttribute("greeted", name);
    }
}
