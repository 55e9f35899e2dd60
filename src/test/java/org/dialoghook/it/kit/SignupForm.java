package org.dialoghook.it.kit;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** A typed form with Bean Validation constraints. */
public class SignupForm {

    @NotBlank(message = "please tell us your name")
    public String name;

    @Min(value = 18, message = "you must be 18 or older")
    public int age;

    @Email(message = "that is not an e-mail address")
    public String email;
}
