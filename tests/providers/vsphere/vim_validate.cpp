// vim_validate: a co-process for the fake vCenter (fake_vcenter.py). Reads requests framed as
// "<byte count>\n<bytes>" on stdin and answers one line each: "OK" or "INVALID <errors>" (the
// errors joined with " | "). Compiling VMware's XSDs takes a moment, so it is done once.
// Usage: vim_validate WSDL_DIR
#include <iostream>
#include <string>

#include "vim_schema.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: vim_validate WSDL_DIR\n";
        return 2;
    }
    try {
        tidepool::test::VimSchema schema(argv[1]);
        std::cout << "READY" << std::endl;
        std::string header;
        while (std::getline(std::cin, header)) {
            std::string body(std::stoul(header), '\0');
            std::cin.read(body.data(), static_cast<std::streamsize>(body.size()));
            std::string errors = schema.validate_envelope(body);
            if (errors.empty()) {
                std::cout << "OK" << std::endl;
                continue;
            }
            for (char& c : errors) c = c == '\n' ? '|' : c;
            std::cout << "INVALID " << errors << std::endl;
        }
    } catch (const std::exception& e) {
        std::cerr << "vim_validate: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
