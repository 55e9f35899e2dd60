package com.example.bot;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The support form's answers, bound with JSON-B and checked with Bean Validation. */
public class SupportRequest {

    @NotBlank(message = "please give us an e-mail address")
    @Email(message = "that is not an e-mail address")
    public String email;

    @Size(min = 10, message = "please describe the problem in at least 10 characters")
    public String description;
}
