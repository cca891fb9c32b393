// The pure pieces of the Proxmox plugin: VMID range allocation, UPID parsing, the tag codec in
// VM descriptions, form encoding.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "form.h"
#include "guest_script.h"
#include "inventory.h"
#include "upid.h"
#include "vm_description.h"
#include "vmid_range.h"

using namespace tidepool::proxmox;

TEST_CASE("lowest_free_vmid picks the first gap inside the range and never leaves it") {
    struct Case {
        VmidRange range;
        std::set<int64_t> taken;
        std::optional<int64_t> expected;
    };
    const Case cases[] = {
        {{1000, 1009}, {}, 1000},
        {{1000, 1009}, {1000, 1001, 1003}, 1002},
        {{1000, 1009}, {100, 999, 1010}, 1000},            // IDs outside the range do not matter
        {{1000, 1002}, {1000, 1001, 1002}, std::nullopt},  // full
        {{1000, 1002}, {1000, 1001, 1002, 1003}, std::nullopt},
        {{1000, 1000}, {}, 1000},
        {{1000, 1000}, {1000}, std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.range.lower);
        CHECK(lowest_free_vmid(c.range, c.taken) == c.expected);
    }
}

TEST_CASE("parse_upid reads every field of a task id") {
    auto upid =
        parse_upid("UPID:pve1:0000A1B2:0012C0DE:6566F00D:qmclone:9000:tidepool@pve!autoscale:");
    REQUIRE(upid);
    CHECK(upid->node == "pve1");
    CHECK(upid->pid == 0xA1B2);
    CHECK(upid->pstart == 0x12C0DE);
    CHECK(upid->start_time == 0x6566F00D);
    CHECK(upid->type == "qmclone");
    CHECK(upid->id == "9000");
    CHECK(upid->user == "tidepool@pve!autoscale");
}

TEST_CASE("parse_upid accepts a 9-digit pstart and an empty id") {
    auto upid = parse_upid("UPID:node-2:00001234:1ABCDEF01:6566F00D:aptupdate::root@pam:");
    REQUIRE(upid);
    CHECK(upid->pstart == 0x1ABCDEF01ull);
    CHECK(upid->id.empty());
}

TEST_CASE("parse_upid refuses malformed ids") {
    for (const char* bad : {"", "UPID", "upid:pve1:0000A1B2:0012C0DE:6566F00D:qmclone:1:u@pam:",
                            "UPID:pve1:0000A1B2:0012C0DE:6566F00D:qmclone:1:u@pam",
                            "UPID::0000A1B2:0012C0DE:6566F00D:qmclone:1:u@pam:",
                            "UPID:pve1:XYZ:0012C0DE:6566F00D:qmclone:1:u@pam:",
                            "UPID:pve1:0000A1B2:0012C0DE:6566F00D::1:u@pam:",
                            "UPID:pve1:0000A1B2:0012C0DE:6566F00D:qmclone:1::",
                            "UPID:pve1:0000A1B2:0012C0DE:6566F00D:qmclone:1:u@pam:extra:"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_upid(bad));
    }
}

TEST_CASE("tags survive the description round trip, including awkward characters") {
    tidepool::sdk::KeyValues tags = {{"tidepool-installation", "5b0f"},
                                     {"tidepool-machine", "m-1"},
                                     {"odd key=", "line\nbreak & 100% = ok"}};
    std::string description = encode_description(tags);
    CHECK(description.find("Tidepool") != std::string::npos);
    CHECK(decode_description(description) == tags);
    // An operator's own notes around the tag lines do not disturb them.
    CHECK(decode_description("notes\r\n" + description + "\nmore notes") == tags);
    CHECK(decode_description("nothing of ours").empty());
}

TEST_CASE("Proxmox tag lists split on ; , and space") {
    CHECK(split_pve_tags("tidepool;tidepool-ready") ==
          std::vector<std::string>{"tidepool", "tidepool-ready"});
    CHECK(split_pve_tags(" a,b  c;") == std::vector<std::string>{"a", "b", "c"});
    CHECK(join_pve_tags({"tidepool", "tidepool-ready"}) == "tidepool;tidepool-ready");
    CHECK(has_pve_tag("x;tidepool", kMarkerTag));
    CHECK_FALSE(has_pve_tag("tidepool-ready", kMarkerTag));
}

TEST_CASE("form encoding escapes everything but unreserved characters and repeats names") {
    CHECK(form_encode({{"command", "/bin/bash"}, {"command", "/tmp/a b.sh"}}) ==
          "command=%2Fbin%2Fbash&command=%2Ftmp%2Fa%20b.sh");
    CHECK(percent_encode("UPID:pve1:a@pam!t:") == "UPID%3Apve1%3Aa%40pam%21t%3A");
    CHECK(percent_decode("a%20b%zz+c", true) == "a b%zz c");
    CHECK(percent_decode("%4") == "%4");
}

TEST_CASE("the script lands in the configured directory with the OS's separator and suffix") {
    CHECK(script_file("/tmp", OsType::linux, "tp-a1") == "/tmp/tidepool-startup-tp-a1.sh");
    CHECK(script_file("/tmp/", OsType::linux, "tp-a1") == "/tmp/tidepool-startup-tp-a1.sh");
    CHECK(script_file("C:\\Windows\\Temp", OsType::windows, "tp-a1") ==
          "C:\\Windows\\Temp\\tidepool-startup-tp-a1.ps1");
}

TEST_CASE("last_lines keeps the tail of a script's output, skipping blank lines") {
    CHECK(last_lines("a\nb\n\nc\r\nd\n", 3) == "b | c | d");
    CHECK(last_lines("only", 5) == "only");
    CHECK(last_lines("\n\n", 5).empty());
}

TEST_CASE("parse_resources keeps QEMU guests and reads templates, locks and tags") {
    rapidjson::Document doc;
    doc.Parse(R"([
      {"id":"qemu/9000","type":"qemu","vmid":9000,"name":"tpl","node":"pve1","template":1},
      {"id":"qemu/1000","type":"qemu","vmid":1000,"name":"tp-a","node":"pve2",
       "status":"running","tags":"tidepool;tidepool-ready","template":0},
      {"id":"qemu/1001","type":"qemu","vmid":1001,"name":"tp-b","node":"pve1",
       "status":"stopped","lock":"clone","template":false},
      {"id":"lxc/150","type":"lxc","vmid":150,"name":"ct","node":"pve1"},
      {"id":"node/pve1","type":"node","node":"pve1"},
      {"id":"qemu/7","type":"qemu","name":"no vmid"}
    ])");
    auto vms = parse_resources(doc);
    REQUIRE(vms.size() == 3);
    CHECK(vms[0].is_template);
    CHECK(vms[1].node == "pve2");
    CHECK(vms[1].tags == "tidepool;tidepool-ready");
    CHECK(vms[2].lock == "clone");
    CHECK_FALSE(vms[2].is_template);
    CHECK(find_vmid(vms, 1001)->name == "tp-b");
    CHECK(find_named(vms, "tpl") == nullptr);  // templates are never "the VM named"
    CHECK(find_named(vms, "tp-a")->vmid == 1000);
    rapidjson::Document not_a_list;
    not_a_list.Parse("{}");
    CHECK_THROWS_AS(parse_resources(not_a_list), tidepool::sdk::ProviderError);
}
