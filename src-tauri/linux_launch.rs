//! WebKitGTK's DMA-BUF renderer draws a blank or broken window on some NVIDIA drivers under
//! Wayland. The workaround (`WEBKIT_DISABLE_DMABUF_RENDERER=1`) costs GPU acceleration, so it is
//! set only on such a machine, and never over a value the person set.

/// What the launch looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine {
    /// The desktop session is Wayland (`XDG_SESSION_TYPE=wayland` or `WAYLAND_DISPLAY` set).
    pub wayland: bool,
    /// NVIDIA's proprietary driver is loaded (`/proc/driver/nvidia/version` exists).
    pub nvidia: bool,
    /// `WEBKIT_DISABLE_DMABUF_RENDERER` is already in the environment.
    pub already_set: bool,
}

/// Whether the workaround is needed on `machine`.
pub fn needs_dmabuf_workaround(machine: Machine) -> bool {
    machine.wayland && machine.nvidia && !machine.already_set
}

/// This machine, as the launch sees it.
fn this_machine() -> Machine {
    let wayland = std::env::var("XDG_SESSION_TYPE").is_ok_and(|t| t == "wayland")
        || std::env::var_os("WAYLAND_DISPLAY").is_some();
    Machine {
        wayland,
        nvidia: std::path::Path::new("/proc/driver/nvidia/version").exists(),
        already_set: std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_some(),
    }
}

/// Sets the workaround where it is needed; call before any thread or window exists.
pub fn prepare() {
    if needs_dmabuf_workaround(this_machine()) {
        // SAFETY (of the environment): nothing else runs yet, so nothing reads it concurrently.
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_nvidia_under_wayland_gets_the_workaround_and_a_set_value_is_kept() {
        let machine = |wayland, nvidia, already_set| Machine {
            wayland,
            nvidia,
            already_set,
        };
        assert!(needs_dmabuf_workaround(machine(true, true, false)));
        assert!(!needs_dmabuf_workaround(machine(true, false, false)));
        assert!(!needs_dmabuf_workaround(machine(false, true, false)));
        assert!(!needs_dmabuf_workaround(machine(false, false, false)));
        assert!(!needs_dmabuf_workaround(machine(true, true, true)));
    }
}
