#include "placement.h"

#include <tidepool/sdk/error.hpp>

namespace tidepool::vsphere {

namespace {

using sdk::ProviderError;
using vim::MoRef;

constexpr int kMaxDepth = 32;  // inventory trees are shallow; a cycle would be a server bug

ProviderError missing(const std::string& field, const std::string& value, const std::string& what,
                      const std::string& path) {
    return ProviderError(TP_ERR_INVALID_CONFIG,
                         "config field " + field + " is '" + value + "' but vCenter has no " +
                             what + " at inventory path '" + path + "'; check the name",
                         field);
}

// The template by inventory path ("DC/vm/folder/name"), or by name when no '/' is given.
MoRef find_template(Inventory& inv, const sdk::Call& call, const VsphereConfig& c) {
    const std::string& t = c.template_path;
    if (t.find('/') != std::string::npos) {
        MoRef vm = inv.find_by_path(call, t);
        if (vm.type != "VirtualMachine") throw missing("/template", t, "VM or template", t);
        return vm;
    }
    if (!c.datacenter.empty()) {
        MoRef vm = inv.find_by_path(call, c.datacenter + "/vm/" + t);
        if (vm.type == "VirtualMachine") return vm;
    }
    MoRef found;
    for (const auto& vm : inv.list(call, "VirtualMachine", {"name"})) {
        if (vm.text("name") != t) continue;
        if (!found.empty()) {
            throw ProviderError(TP_ERR_INVALID_CONFIG,
                                "config field /template is '" + t +
                                    "', a name several VMs share; give its inventory path "
                                    "(datacenter/vm/folder/name)",
                                "/template");
        }
        found = vm.obj;
    }
    if (found.empty()) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field /template is '" + t + "' but vCenter has no VM or "
                            "template of that name",
                            "/template");
    }
    return found;
}

// The name of the datacenter holding obj (walking up its parents).
std::string datacenter_of(Inventory& inv, const sdk::Call& call, MoRef obj) {
    for (int depth = 0; depth < kMaxDepth && !obj.empty(); ++depth) {
        auto props = inv.properties(call, obj, {"name", "parent"});
        if (obj.type == "Datacenter") return props.text("name");
        obj = props.ref("parent");
    }
    throw ProviderError(TP_ERR_INTERNAL, "the template is not inside a datacenter");
}

MoRef require(Inventory& inv, const sdk::Call& call, const std::string& field,
              const std::string& value, const std::string& path, std::string_view type) {
    MoRef ref = inv.find_by_path(call, path);
    if (ref.empty() || (!type.empty() && ref.type != type)) {
        throw missing(field, value, std::string(type).empty() ? "object" : std::string(type),
                      path);
    }
    return ref;
}

// The member of a StoragePod with the most free space.
MoRef emptiest_datastore(Inventory& inv, const sdk::Call& call, const MoRef& pod,
                         const std::string& value) {
    MoRef best;
    int64_t best_free = -1;
    auto pod_props = inv.properties(call, pod, {"childEntity"});
    const vim::Property* children = pod_props.find("childEntity");
    for (const MoRef& ds : children ? children->refs : std::vector<MoRef>{}) {
        if (ds.type != "Datastore") continue;
        int64_t free = std::stoll("0" + inv.properties(call, ds, {"summary.freeSpace"})
                                            .text("summary.freeSpace"));
        if (free > best_free) best = ds, best_free = free;
    }
    if (best.empty()) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field /datastore_cluster is '" + value +
                                "' but that datastore cluster holds no datastore",
                            "/datastore_cluster");
    }
    return best;
}

// The compute resource (cluster or standalone host) the template's host belongs to.
MoRef template_compute(Inventory& inv, const sdk::Call& call, const vim::ObjectContent& tmpl) {
    MoRef host = tmpl.ref("runtime.host");
    if (host.empty()) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "the template has no host to take a resource pool from; set "
                            "/cluster or /resource_pool",
                            "/cluster");
    }
    return inv.properties(call, host, {"parent"}).ref("parent");
}

MoRef resolve_pool(Inventory& inv, const sdk::Call& call, const VsphereConfig& c,
                   const std::string& dc, const vim::ObjectContent& tmpl) {
    if (!c.resource_pool.empty()) {
        std::string cluster = c.cluster;
        if (cluster.empty()) {
            cluster = inv.properties(call, template_compute(inv, call, tmpl), {"name"}).text("name");
        }
        std::string path = dc + "/host/" + cluster + "/Resources/" + c.resource_pool;
        return require(inv, call, "/resource_pool", c.resource_pool, path, "ResourcePool");
    }
    MoRef compute;
    if (!c.cluster.empty()) {
        compute = require(inv, call, "/cluster", c.cluster, dc + "/host/" + c.cluster, "");
    } else if (!tmpl.ref("resourcePool").empty()) {
        return {};  // the template's own pool: leave it out of the relocate spec
    } else {
        compute = template_compute(inv, call, tmpl);  // a template has no pool of its own
    }
    MoRef pool = inv.properties(call, compute, {"resourcePool"}).ref("resourcePool");
    if (pool.empty()) throw missing("/cluster", c.cluster, "cluster with a resource pool", dc);
    return pool;
}

}  // namespace

Placement resolve_placement(Inventory& inv, const sdk::Call& call, const VsphereConfig& c) {
    Placement p;
    p.template_vm = find_template(inv, call, c);
    auto tmpl = inv.properties(call, p.template_vm,
                               {"name", "parent", "resourcePool", "datastore", "runtime.host"});
    std::string dc = c.datacenter;
    if (dc.empty()) {
        dc = datacenter_of(inv, call, tmpl.ref("parent"));
    } else {
        require(inv, call, "/datacenter", dc, dc, "Datacenter");
    }
    p.folder = c.vm_folder.empty()
                   ? tmpl.ref("parent")
                   : require(inv, call, "/vm_folder", c.vm_folder, dc + "/vm/" + c.vm_folder,
                             "Folder");
    if (!c.datastore.empty()) {
        p.datastore = require(inv, call, "/datastore", c.datastore,
                              dc + "/datastore/" + c.datastore, "Datastore");
    } else if (!c.datastore_cluster.empty()) {
        MoRef pod = require(inv, call, "/datastore_cluster", c.datastore_cluster,
                            dc + "/datastore/" + c.datastore_cluster, "StoragePod");
        p.datastore = emptiest_datastore(inv, call, pod, c.datastore_cluster);
    }
    p.pool = resolve_pool(inv, call, c, dc, tmpl);
    MoRef target = p.datastore.empty() ? tmpl.ref("datastore") : p.datastore;
    if (!target.empty()) p.datastore_name = inv.properties(call, target, {"name"}).text("name");
    return p;
}

}  // namespace tidepool::vsphere
