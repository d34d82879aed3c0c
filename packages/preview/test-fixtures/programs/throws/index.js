function loadSettings() {
  throw new Error("settings file missing: cannot build the stack");
}
loadSettings();
