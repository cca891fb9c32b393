#include "secrets/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tidepool::secrets {
namespace {

// Closes the descriptor on every path out of a function.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

Error io_error(const std::filesystem::path& path, std::string_view what) {
    return make_error(ErrorCode::internal,
                      std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

std::string mode_text(mode_t mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
    return buf;
}

Result<void> check_owner_only(const std::filesystem::path& path, const struct stat& st) {
    if (!S_ISREG(st.st_mode)) {
        return make_error(ErrorCode::invalid, path.string() + " is not a regular file");
    }
    if ((st.st_mode & 077) != 0) {
        return make_error(ErrorCode::invalid,
                          path.string() + " has mode " + mode_text(st.st_mode) +
                              ", which lets the group or others read a secret; run `chmod 600 " +
                              path.string() + "` (and replace the secret if others could read it)");
    }
    return {};
}

}  // namespace

Result<void> write_private_file(const std::filesystem::path& path, std::string_view content) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
        return make_error(ErrorCode::internal,
                          "cannot create directory " + path.parent_path().string() + ": " +
                              ec.message());
    }
    Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) {
        if (errno == EEXIST) {
            return make_error(ErrorCode::conflict, path.string() + " already exists");
        }
        return io_error(path, "cannot create");
    }
    // The umask cannot widen 0600, but fchmod makes the intent explicit and survives odd umasks.
    if (::fchmod(fd.get(), 0600) != 0) return io_error(path, "cannot chmod");
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return io_error(path, "cannot write");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) return io_error(path, "cannot fsync");
    return {};
}

Result<std::string> read_private_file(const std::filesystem::path& path,
                                      std::optional<std::size_t> expected_size) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() < 0) {
        if (errno == ENOENT) return make_error(ErrorCode::not_found, path.string() + " not found");
        return io_error(path, "cannot open");
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return io_error(path, "cannot stat");
    if (auto owner_only = check_owner_only(path, st); !owner_only) return owner_only.error();
    const auto size = static_cast<std::size_t>(st.st_size);
    if (expected_size && size != *expected_size) {
        return make_error(ErrorCode::invalid,
                          path.string() + " holds " + std::to_string(size) + " bytes, expected " +
                              std::to_string(*expected_size) +
                              "; restore the original file from backup (a new key cannot "
                              "read what the old one sealed)");
    }
    std::string content(size, '\0');
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd.get(), content.data() + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return io_error(path, "cannot read");
        done += static_cast<std::size_t>(n);
    }
    return content;
}

}  // namespace tidepool::secrets
