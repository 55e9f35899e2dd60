package org.dialoghook.it.handlers;

/** A typed form the inspect handler binds. */
public class ContactForm {

    public String name;
    public int age;
}
