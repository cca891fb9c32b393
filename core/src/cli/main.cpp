// tidepool: the command-line client for tidepoold. All logic lives in tp_cli.
#include "cli/run.h"

int main(int argc, char** argv) { return tidepool::cli::main_entry(argc, argv); }
