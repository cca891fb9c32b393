// Pure helpers: annotation tags, the guest command per OS, output tails, transfer URLs, states.
#include <doctest/doctest.h>

#include "annotation_tags.h"
#include "guest_script.h"
#include "vm_records.h"

namespace tidepool::vsphere {
namespace {

TEST_CASE("tags round-trip through the annotation, whatever they contain") {
    sdk::KeyValues tags = {{"tidepool-installation", "inst-1"},
                           {"tidepool-config", "a=b%c"},
                           {"odd\nkey", "line1\r\nline2"},
                           {"empty", ""}};
    std::string notes = encode_annotation(tags);
    CHECK(notes.find("tidepool-installation=inst-1") != std::string::npos);
    auto back = decode_annotation(notes);
    REQUIRE(back);
    CHECK(*back == tags);
    // Operator text before the block is kept out of the tags.
    auto with_notes = decode_annotation("owner: vdi team\n" + notes);
    REQUIRE(with_notes);
    CHECK(*with_notes == tags);
    CHECK_FALSE(decode_annotation("just some notes"));
    CHECK_FALSE(decode_annotation(""));
}

TEST_CASE("the script runs with bash or PowerShell, output captured") {
    GuestCommand linux = script_command(OsFamily::linux, "/tmp/a.sh", "/tmp/a.log");
    CHECK(linux.program == "/bin/bash");
    CHECK(linux.arguments == "'/tmp/a.sh' > '/tmp/a.log' 2>&1");
    GuestCommand win = script_command(OsFamily::windows, "C:\\t\\a.ps1", "C:\\t\\a.log");
    CHECK(win.program.find("powershell.exe") != std::string::npos);
    CHECK(win.arguments.find("& 'C:\\t\\a.ps1' *> 'C:\\t\\a.log' }") != std::string::npos);
    CHECK(win.arguments.find("exit $LASTEXITCODE }") != std::string::npos);
    CHECK(win.arguments.find("catch { $_ | Out-File -Append 'C:\\t\\a.log'; exit 1 }") !=
          std::string::npos);
}

TEST_CASE("last lines of output") {
    CHECK(last_lines("a\nb\nc\nd\n", 2) == "c\nd");
    CHECK(last_lines("a\nb", 5) == "a\nb");
    CHECK(last_lines("only", 1) == "only");
    CHECK(last_lines("", 3).empty());
    CHECK(last_lines("x\n\n\n", 1) == "x");
}

TEST_CASE("guest transfer URLs get the vCenter host in place of '*'") {
    CHECK(transfer_url("https://*:443/guestFile?id=1&token=x", "vc.lab") ==
          "https://vc.lab:443/guestFile?id=1&token=x");
    CHECK(transfer_url("https://esx1.lab:443/guestFile?id=1", "vc.lab") ==
          "https://esx1.lab:443/guestFile?id=1");
}

TEST_CASE("power states map to Tidepool states") {
    CHECK(vm_state("poweredOn") == TP_VM_STATE_RUNNING);
    CHECK(vm_state("poweredOff") == TP_VM_STATE_STOPPED);
    CHECK(vm_state("suspended") == TP_VM_STATE_STOPPED);
    CHECK(vm_state("") == TP_VM_STATE_UNKNOWN);
}

TEST_CASE("a VM record carries its tags, address and creation time") {
    vim::ObjectContent vm;
    vm.obj = {"VirtualMachine", "vm-1"};
    vm.props["name"].text = "tp-1";
    vm.props["runtime.powerState"].text = "poweredOn";
    vm.props["guest.ipAddress"].text = "10.0.0.5";
    vm.props["config.createDate"].text = "2026-11-28T01:14:03.468Z";
    vm.props["config.annotation"].text = encode_annotation({{"tidepool-machine", "m1"}});
    sdk::VmRecord r = vm_record(vm);
    CHECK(r.provider_id == "vm-1");
    CHECK(r.state == TP_VM_STATE_RUNNING);
    CHECK(r.private_ip == "10.0.0.5");
    CHECK(r.tags == sdk::KeyValues{{"tidepool-machine", "m1"}});
    CHECK(r.created_unix_ms == 1795828443000);
}

}  // namespace
}  // namespace tidepool::vsphere
