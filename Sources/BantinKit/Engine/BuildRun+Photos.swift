extension BuildRun {
    /// The photo stage (`PhotoStage`), between the index and the render: the catalog the
    /// renderer is made with. Its problems are the site's errors: nothing is written with them.
    mutating func processPhotos(_ index: SiteIndex) -> (catalog: PhotoCatalog, keys: Set<UInt64>) {
        // libvips reads files on disk: a site in memory (the tests' own file system) has its photos copied as they are.
        guard builder.fileSystem is LocalFileSystem else { return (PhotoCatalog(), []) }
        let files = fingerprint?.files
        // A build that writes its pages writes their photos: only a check may leave them unmade.
        let make = options.makesPhotos || options.write
        let made = PhotoStage.run(index, root: root, mode: make ? .make : .inspect, jobs: options.jobs, progress: options.progress,
                                  digest: { files?[$0]?.digest }, diagnostics: &diagnostics)
        clock.lap("photos")
        return made
    }

    /// After a build written whole: the cache keeps the photos it used, no others.
    func prunePhotos(keeping keys: Set<UInt64>) {
        guard options.write, builder.fileSystem is LocalFileSystem else { return }
        PhotoCache(root: root).prune(keeping: keys)
    }
}
