//! Hash routes: parsed by the core (`wegwijzer_core::route`, tested natively there).
pub use wegwijzer_core::route::Route;
