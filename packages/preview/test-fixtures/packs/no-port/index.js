// Starts and never prints a port.
setInterval(() => undefined, 1000);
