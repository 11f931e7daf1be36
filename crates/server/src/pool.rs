//! A small pool of read-only stores. An SQLite connection is `Send` but not `Sync`, so each
//! query borrows a whole store on a blocking thread and gives it back; at most `size` run at
//! once, which also bounds the blocking threads a burst of requests can take.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use marsad_store::Store;
use tokio::sync::Semaphore;

use crate::error::ApiError;

pub struct StorePool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
}

impl StorePool {
    /// Opens the first store now, so that a missing or unreadable database fails at start-up.
    pub fn open(path: impl Into<PathBuf>, size: usize) -> marsad_store::Result<StorePool> {
        let path = path.into();
        let first = Store::open_read_only(&path)?;
        Ok(StorePool {
            path,
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size.max(1)),
        })
    }

    /// Runs `f` with a store on a blocking thread.
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the store pool is closed"))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = pool.checkout()?;
            let out = f(&store);
            pool.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(store);
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("a store task failed: {e}")))?
    }

    fn checkout(&self) -> Result<Store, ApiError> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match idle {
            Some(s) => Ok(s),
            None => Ok(Store::open_read_only(&self.path)?),
        }
    }
}
