module demo.app {
    requires org.alchemiststack;

    opens demo.app.model to org.alchemiststack;
}
