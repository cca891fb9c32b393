// An allocator for the big flat arrays that placement reads at random (a user's presence row,
// a session id's hash bucket): those arrays run to tens of MiB, so with 4 KiB pages nearly
// every random read also misses the TLB and waits for a page walk on top of the cache miss.
// Blocks of 2 MiB or more are aligned to 2 MiB and offered to the kernel for transparent huge
// pages (madvise), which cuts the pages to walk 512-fold. Where the kernel does not take the
// advice (THP off, or not Linux) the memory behaves as before, only aligned.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tidepool::placement {

template <class T>
struct HugePageAllocator {
    using value_type = T;
    static constexpr std::size_t kHuge = std::size_t{2} << 20;
    static constexpr bool kOverAligned = alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__;
    static constexpr std::align_val_t kAlign{alignof(T)};

    HugePageAllocator() = default;
    template <class U>
    HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding must be implicit

    T* allocate(std::size_t n) {
        std::size_t bytes = n * sizeof(T);
        if (bytes < kHuge) {
            if constexpr (kOverAligned) return static_cast<T*>(::operator new(bytes, kAlign));
            else return static_cast<T*>(::operator new(bytes));
        }
        bytes = (bytes + kHuge - 1) / kHuge * kHuge;
        void* p = std::aligned_alloc(kHuge, bytes);
        if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        (void)::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: failure changes nothing
#endif
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) {
        if (n * sizeof(T) >= kHuge) std::free(p);
        else if constexpr (kOverAligned) ::operator delete(p, kAlign);
        else ::operator delete(p);
    }
    template <class U>
    bool operator==(const HugePageAllocator<U>&) const {
        return true;
    }
};

}  // namespace tidepool::placement
