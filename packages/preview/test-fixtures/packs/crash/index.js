console.error("fixture pack: cannot load its rules");
process.exit(3);
