"""The Qt user interface of the counter app: the shell, the pages, the hardware dialogs."""
